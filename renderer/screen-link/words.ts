// What a LAN screen says about its link to the counter PC, in one place (issue 22 translates them).

export const LINK_WORDS = {
  unreachable: 'Counter PC unreachable — orders may be missing here',
  retrying: 'Trying again…',
  callFailed: 'The counter PC is unreachable: try again when this screen is connected.',
} as const;
