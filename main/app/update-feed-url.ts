// The auto-update feed is where installers come from: only https, checked when the app is built
// (scripts/release.ts) and again at run time for the KITCHEN_BRIDGE_UPDATE_URL override.

/** Why `url` cannot be the update feed, or null. The message names the variable it comes from. */
export function updateFeedProblem(url: string | undefined, name = 'KITCHEN_BRIDGE_UPDATE_URL'): string | null {
  if (url === undefined || url.trim() === '') return `${name} is not set: give the https:// folder of your update feed`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${name} is not a URL: give the https:// folder of your update feed`;
  }
  if (parsed.protocol !== 'https:') return `${name} must be an https:// URL, not ${parsed.protocol}//: an update feed decides what code this computer runs`;
  if (parsed.username !== '' || parsed.password !== '') return `${name} must not carry a user name or password`;
  return null;
}
