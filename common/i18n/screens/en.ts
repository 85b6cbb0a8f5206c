// What the LAN screens (station, expo, pickup) and the screen server say: the screens' own words, the
// link to the counter PC, the language picker, and the pairing page a new screen opens first.
export const en = {
  'screens.grantUnknown': 'This screen could not learn what to show ({why}). Check that the counter PC is on, then reload the page.',
  'screens.station': 'Station',
  'screens.languageChoose': 'Choose this screen’s language',

  'screens.expo.name': 'Expo',
  'screens.expo.cooking': 'In the kitchen',
  'screens.expo.ready': 'Ready to hand out',
  'screens.expo.noneCooking': 'Nothing in the kitchen. New orders appear here as soon as they arrive.',
  'screens.expo.noneReady': 'Nothing waiting to be picked up.',
  'screens.expo.waitingAccept': 'Not accepted yet: the counter accepts it',
  'screens.expo.void': 'VOID — cancelled, do not hand out',
  'screens.expo.stationDone': '{station} ✓',
  'screens.expo.stationCooking': '{station}: cooking',
  'screens.expo.allStationsDone': 'Every station is done: check the bag and press Ready',
  'screens.expo.moreLines': '+{count} more',

  'screens.pickup.title': 'Order pickup',
  'screens.pickup.ready': 'Ready — please collect',
  'screens.pickup.preparing': 'Preparing',
  'screens.pickup.noneReady': 'No orders ready yet',
  'screens.pickup.more': '+{count} more',

  'screens.link.unreachable': 'Counter PC unreachable — orders may be missing here',
  'screens.link.retrying': 'Trying again…',
  'screens.link.callFailed': 'The counter PC is unreachable: try again when this screen is connected.',

  'screens.pair.pageTitle': 'Pair this screen',
  'screens.pair.heading': 'Pair this screen with the kitchen',
  'screens.pair.explain': 'On the counter PC open Settings → Screens, choose what this screen shows and press “Make a pairing code”. Type the code here.',
  'screens.pair.codeLabel': 'Pairing code',
  'screens.pair.submit': 'Pair',
  'screens.pair.wrong': 'That code is not right, or it was already used. Make a new code on the counter PC.',
  'screens.pair.expired': 'That code has expired (codes last a few minutes). Make a new code on the counter PC.',
  'screens.pair.tooMany': 'Too many tries from this screen. Wait a minute, then try again with a new code.',
  'screens.pair.foreignHost': 'This address is not the kitchen bridge. Open the bridge by its own address (shown in Settings → Screens).',
  'screens.pair.crossSite': 'Refused: the request did not come from the kitchen bridge’s own page.',
  'screens.pair.notFound': 'Not found.',

  'screens.admin.codeMade': 'Type this code on the screen within {minutes, plural, one {# minute} other {# minutes}}. It works once.',
  'screens.admin.screensOff': 'Turn on LAN screens and save first.',
  'screens.admin.unknownStation': 'There is no printer "{station}": choose a station printer.',
  'screens.admin.revoked': 'The screen was removed: it cannot see the orders any more.',
  'screens.admin.noSuchScreen': 'There is no such screen (it may have been removed already).',

  'screens.refused.any': 'This screen cannot do that: use the counter PC.',
  'screens.refused.settings': 'Settings are on the counter PC: this screen cannot open them.',
  'screens.refused.expo': 'An expo screen marks orders ready and picked up; accept or reject them on the counter.',
  'screens.refused.station': 'A station screen only marks its own lines ready.',
  'screens.refused.tooBusy': 'This screen sent too much at once: wait a moment and try again.',
} as const;
