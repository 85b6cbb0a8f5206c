// Every sentence a person reads from the screen server, in one place (issue 22 translates them).

export const SCREEN_WORDS = {
  pageTitle: 'Pair this screen',
  heading: 'Pair this screen with the kitchen',
  explain: 'On the counter PC open Settings → Screens, choose what this screen shows and press “Make a pairing code”. Type the code here.',
  codeLabel: 'Pairing code',
  submit: 'Pair',
  wrong: 'That code is not right, or it was already used. Make a new code on the counter PC.',
  expired: 'That code has expired (codes last a few minutes). Make a new code on the counter PC.',
  tooMany: 'Too many tries from this screen. Wait a minute, then try again with a new code.',
  foreignHost: 'This address is not the kitchen bridge. Open the bridge by its own address (shown in Settings → Screens).',
  crossSite: 'Refused: the request did not come from the kitchen bridge’s own page.',
  notFound: 'Not found.',
  codeMade: (minutes: number) => `Type this code on the screen within ${minutes} minutes. It works once.`,
  screensOff: 'Turn on LAN screens and save first.',
  unknownStation: (station: string) => `There is no printer "${station}": choose a station printer.`,
  revoked: 'The screen was removed: it cannot see the orders any more.',
  noSuchScreen: 'There is no such screen (it may have been removed already).',
  notHere: 'LAN screens are not available in this window.',
} as const;
