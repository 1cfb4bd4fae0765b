// Screenshots for the README are taken by the end-to-end tests. `npm test` writes them under
// test-results/ (ignored), so a clean clone stays clean; `FLITT_UPDATE_SCREENSHOTS=1` refreshes
// the committed ones in docs/screenshots/.
export const screenshotPath = (name: string): string =>
  process.env.FLITT_UPDATE_SCREENSHOTS === '1'
    ? `docs/screenshots/${name}`
    : `test-results/screenshots/${name}`;
