// Chromium's location and flags, shared by the browser tests and the benchmarks (no test-runner imports).

/** Where the Debian/Ubuntu package puts Chromium (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags for a quiet, deterministic headless Chromium. `*.test` resolves to loopback so one machine
 * plays several sites (host.test embeds widget.test). Our own `--disable-features` replaces
 * Playwright's list, which disables ThirdPartyStoragePartitioning: here third-party storage is
 * partitioned by top-level site exactly as in a user's Chrome.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP *.test 127.0.0.1',
  '--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,PrivacySandboxSettings4',
];

