// Loaded on every page as <script type="module">: browsers without ES modules skip it,
// and every page works without it. Both libraries ship ES module bundles, copied into
// static/vendor/ by scripts/build-assets; the imports are relative so that they follow
// STATIC_URL.
import { initAll as initGovUKFrontend } from "../vendor/govuk-frontend/govuk-frontend.min.js";
import { initAll as initMOJFrontend } from "../vendor/moj-frontend/moj-frontend.min.js";

initGovUKFrontend();
initMOJFrontend();
