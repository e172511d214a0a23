/* /admin/users: a delete asks first. */
(function () {
  'use strict';
  document.querySelectorAll('button[data-confirm]').forEach(function (button) {
    button.addEventListener('click', function (e) {
      if (!window.confirm(button.getAttribute('data-confirm'))) e.preventDefault();
    });
  });
})();
