/*
 * "Named in the story but not linked": each Link button adds a key-actor row to the
 * story's form with that actor chosen, as if the editor had added and chosen it by hand.
 * Nothing is saved until the editor saves the story.
 */
(function () {
  'use strict';

  function addKeyActor(button) {
    var prefix = 'id_actor_links';
    var addButton = document.getElementById(prefix + '-ADD');
    var total = document.getElementById(prefix + '-TOTAL_FORMS');
    if (!addButton || !total) {
      return false;
    }
    addButton.click();
    var index = Number(total.value) - 1;
    var input = document.getElementById(prefix + '-' + index + '-actor');
    var chooser = document.getElementById(prefix + '-' + index + '-actor-chooser');
    if (!input || !chooser) {
      return false;
    }
    input.value = button.dataset.linkActor;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    chooser.classList.remove('blank');
    var title = chooser.querySelector('[data-chooser-title]');
    if (title) {
      title.textContent = button.dataset.actorName;
    }
    return true;
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-link-actor]');
    if (!button || !addKeyActor(button)) {
      return;
    }
    var item = button.closest('li');
    button.remove();
    item.append(' — added to the key actors; save to keep it.');
  });
})();
