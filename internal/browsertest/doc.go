// Package browsertest holds Casebook's real-browser tests. They build the
// casebook binary, serve the embedded catalogue on a free loopback port and
// drive headless Chromium with chromedp:
//
//   - accessibility: axe-core (WCAG 2.1 A and AA rules) on every main page,
//     at desktop and phone width; any serious or critical violation fails;
//   - journeys with JavaScript on and off: search, tick a factor, apply,
//     open the first case, follow one of its factors;
//   - keyboard only: Tab to the search box and to the first result, each
//     with a visible focus ring;
//   - every main page shows its <main> content with JavaScript off;
//   - screenshots of the home, result and case pages at desktop and phone
//     width, written to $CASEBOOK_SCREENSHOTS (default: the system temporary
//     folder's casebook-screenshots) for a person to look at.
//
// The tests need Chromium (Debian's chromium package, /usr/bin/chromium, or
// $CASEBOOK_CHROMIUM) and axe-core, installed with `npm ci` in this folder
// (node_modules/axe-core/axe.min.js, or $CASEBOOK_AXE). Without them the
// tests skip, unless CASEBOOK_BROWSER_REQUIRED=1, as .ci/run sets, when they
// fail instead.
//
// The package has no non-test code; this file only documents it.
package browsertest
