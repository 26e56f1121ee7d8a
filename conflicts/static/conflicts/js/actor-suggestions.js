/*
 * "Named in the story but not linked".
 *
 * As the editor types, a second after the last change, the panel posts the story form's
 * headline, text and key-actor rows (unsaved) to the admin (conflicts/admin_suggestions.py)
 * and shows, in place, the actors that text names and the form neither links nor mentions.
 * Without this script the panel shows those of the saved story.
 *
 * Each Link button adds a key-actor row to the form with that actor chosen, as if the
 * editor had added and chosen it by hand. Nothing is saved until the editor saves the story.
 */
(function () {
  'use strict';

  var DELAY = 1000;
  // A StreamField's keys that say nothing the suggestions read (conflicts/suggestions.py).
  var STRUCTURE = /-(type|order|id)$/;

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

  /* The form's fields the suggestions read: the text fields the panel names (a StreamField
     as all its parts), the key-actor rows, the CSRF token; and which story this is. */
  function suggestionData(panel, form) {
    var names = JSON.parse(panel.dataset.textFields || '[]');
    var data = new FormData();
    new FormData(form).forEach(function (value, key) {
      if (typeof value !== 'string') {
        return;
      }
      var read = key === 'csrfmiddlewaretoken' || key.indexOf('actor_links-') === 0 ||
        (!STRUCTURE.test(key) && names.some(function (name) {
          return key === name || key.indexOf(name + '-') === 0;
        }));
      if (read) {
        data.append(key, value);
      }
    });
    if (panel.dataset.page) {
      data.append('page', panel.dataset.page);
    } else {
      data.append('parent', panel.dataset.parent || '');
      data.append('model', panel.dataset.model || '');
    }
    return data;
  }

  function refresh(panel) {
    var form = panel.closest('form');
    if (!form) {
      return;
    }
    var list = panel.querySelector('[data-actor-suggestions-list]');
    var asked = (panel.suggestionsAsked = (panel.suggestionsAsked || 0) + 1);
    panel.setAttribute('aria-busy', 'true');
    fetch(panel.dataset.suggestionsUrl, {
      method: 'POST',
      body: suggestionData(panel, form),
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (answer) {
        if (asked !== panel.suggestionsAsked) {
          return; // a later question is on its way
        }
        panel.removeAttribute('aria-busy');
        if (!answer.ok) {
          throw new Error(answer.body.error || '');
        }
        list.innerHTML = answer.body.html;
        panel.dataset.suggestionsUpdated = String(asked);
        // An actor suggested again was unlinked since: its "added" note no longer holds.
        answer.body.suggestions.forEach(function (suggestion) {
          var note = panel.querySelector('[data-added-actor="' + suggestion.id + '"]');
          if (note) {
            note.remove();
          }
        });
      })
      .catch(function (error) {
        if (asked !== panel.suggestionsAsked) {
          return;
        }
        panel.removeAttribute('aria-busy');
        var message = document.createElement('p');
        message.className = 'help-block help-critical';
        message.textContent = (panel.dataset.errorNote + ' ' + (error.message || '')).trim();
        list.replaceChildren(message);
      });
  }

  var timers = new WeakMap();

  function changed(event) {
    var form = event.target.closest && event.target.closest('form');
    var panel = form && form.querySelector('[data-actor-suggestions][data-suggestions-url]');
    if (!panel) {
      return;
    }
    clearTimeout(timers.get(panel));
    timers.set(panel, setTimeout(refresh, DELAY, panel));
  }

  document.addEventListener('input', changed);
  document.addEventListener('change', changed);

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-link-actor]');
    if (!button || !addKeyActor(button)) {
      return;
    }
    var panel = button.closest('[data-actor-suggestions]');
    var note = document.createElement('li');
    note.dataset.addedActor = button.dataset.linkActor;
    var name = document.createElement('strong');
    name.textContent = button.dataset.actorName;
    note.append(name, ' — ' + panel.dataset.addedNote);
    panel.querySelector('[data-actor-suggestions-added]').append(note);
    button.closest('li').remove();
  });
})();
