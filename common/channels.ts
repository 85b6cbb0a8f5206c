// The fixed IPC channel names, free of any dependency so that the sandboxed preload stays tiny.
// `bridge-api.ts` checks at compile time that this list and the contract name the same methods.

export const BRIDGE_METHOD_NAMES = [
  'listOrders',
  'getOrder',
  'acknowledgeOrder',
  'orderAction',
  'recallAction',
  'reprint',
  'getHealth',
  'listProblems',
  'getSettings',
  'saveSettings',
  'testPrint',
  'discoverPrinters',
  'testPrintCandidate',
  'setSecret',
  'getAppStatus',
  'exportDiagnostics',
  'routeChoices',
  'screenGrant',
  'markOutOfStock',
  'restoreItem',
  'listOutOfStock',
  'searchItems',
  'pickupBoard',
  'pairScreen',
  'listScreens',
  'revokeScreen',
  'allDayCounts',
  'dayInNumbers',
  'exportDayInNumbers',
] as const;
export type BridgeMethodName = (typeof BRIDGE_METHOD_NAMES)[number];

export const channelOf = (method: BridgeMethodName): string => `bridge:${method}`;
/** main → renderer pushes (`BridgeUpdate`). */
export const UPDATE_CHANNEL = 'bridge:update';
