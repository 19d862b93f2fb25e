// Progressive enhancement only: every page works without this script.
(function () {
  'use strict';
  import('/assets/govuk-frontend.js')
    .then(function (govuk) {
      if (govuk.initAll) govuk.initAll();
    })
    .catch(function () {
      /* the pages work without it */
    });
})();
