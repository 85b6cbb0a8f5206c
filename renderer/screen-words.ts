// Every sentence the LAN screens (station, expo, pickup) show, in one place for translation.

export const SCREEN_WORDS = {
  /** The grant could not be read: nothing is shown rather than a screen this one may not see. */
  grantUnknown: (why: string) => `This screen could not learn what to show (${why}). Check that the counter PC is on, then reload the page.`,
  stationLabel: 'Station',

  expoName: 'Expo',
  expoCooking: 'In the kitchen',
  expoReady: 'Ready to hand out',
  expoNoneCooking: 'Nothing in the kitchen. New orders appear here as soon as they arrive.',
  expoNoneReady: 'Nothing waiting to be picked up.',
  expoWaitingAccept: 'Not accepted yet: the counter accepts it',
  expoVoid: 'VOID — cancelled, do not hand out',
  expoStationDone: (name: string) => `${name} ✓`,
  expoStationCooking: (name: string) => `${name}: cooking`,
  expoAllStationsDone: 'Every station is done: check the bag and press Ready',
  expoMoreLines: (n: number) => `+${n} more`,

  pickupTitle: 'Order pickup',
  pickupReady: 'Ready — please collect',
  pickupPreparing: 'Preparing',
  pickupNoneReady: 'No orders ready yet',
  pickupNonePreparing: '—',
  pickupMore: (n: number) => `+${n} more`,
} as const;
