/*
 * Autosave and Save, one at a time (README, "Autosave").
 *
 * Wagtail 8's autosave posts the editor's form in the background; its answer gives the open
 * form what the save created: the ids of new inline rows, and for a new item the address
 * to edit it at. A Save sent while an autosave was still on its way went without them, so
 * the server created the new item, or its new rows, a second time (upstream wagtail#14568).
 *
 * So: once the editor saves, autosave stops; and if an autosave is on its way then, the
 * Save waits for its answer and is then sent, with the ids and to the address that answer
 * gave, with the button the editor pressed.
 *
 * And an edit made while an autosave was on its way is not taken as saved: Wagtail, on the
 * answer, takes the form as it is now as saved (w-unsaved#clear), so such an edit was
 * neither autosaved nor warned about on leaving. Here the form's saved state is put back
 * to what that autosave sent, so the edit is seen and autosaved next.
 */
(function () {
  'use strict';

  var FORM = 'form[data-controller~="w-autosave"]';
  var LONGEST_WAIT = 20000; // ms; an autosave that never answers must not eat the Save
  var onItsWay = new WeakSet();
  var held = new WeakMap(); // form -> send the held Save
  var sent = new WeakMap(); // form -> the form data its last autosave sent
  var remarked = new WeakMap(); // form -> the form state last put back as unsaved

  function controller(form, identifier) {
    var app = window.wagtail && window.wagtail.app;
    return app ? app.getControllerForElementAndIdentifier(form, identifier) : null;
  }

  /* Form data as w-unsaved compares it (its formData getter). */
  var NOT_COMPARED = ['csrfmiddlewaretoken', 'loaded_revision_id', 'loaded_revision_created_at',
    'next', 'overwrite_revision_id'];
  function comparable(formData) {
    var data = new URLSearchParams();
    formData.forEach(function (value, key) {
      if (NOT_COMPARED.indexOf(key) !== -1 || key.indexOf('comments-') === 0) {
        return;
      }
      if (value instanceof File) {
        value = new URLSearchParams([['name', value.name], ['size', String(value.size)],
          ['type', value.type]]).toString();
      }
      data.append(key, value);
    });
    return data.toString();
  }

  document.addEventListener('w-autosave:save', function (event) {
    if (!event.defaultPrevented && event.target.matches(FORM)) {
      onItsWay.add(event.target);
      var formData = event.detail && event.detail.formData;
      if (formData) {
        sent.set(event.target, formData);
      }
    }
  });

  // After w-unsaved#clear (bound on the form, so it ran first): what was not sent is unsaved.
  document.addEventListener('w-autosave:success', function (event) {
    var form = event.target;
    var unsaved = controller(form, 'w-unsaved');
    var formData = sent.get(form);
    if (!unsaved || !formData || !form.matches(FORM)) {
      return;
    }
    var saved = new FormData();
    formData.forEach(function (value, key) {
      saved.append(key, value);
    });
    var updates = (event.detail.response && event.detail.response.field_updates) || {};
    Object.keys(updates).forEach(function (key) {
      if (saved.has(key)) {
        saved.set(key, updates[key]);
      }
    });
    var savedState = comparable(saved);
    var now = unsaved.formData;
    if (savedState !== now && remarked.get(form) !== now) {
      remarked.set(form, now); // once per state: never an autosave loop
      unsaved.initialFormData = savedState;
      unsaved.previousFormData = savedState;
    }
  });

  ['w-autosave:success', 'w-autosave:error', 'w-autosave:deactivated'].forEach(function (name) {
    document.addEventListener(name, function (event) {
      onItsWay.delete(event.target);
      var send = held.get(event.target);
      if (send) {
        send();
      }
    });
  });

  function stopAutosave(form) {
    form.setAttribute('data-w-autosave-active-value', 'false');
    var autosave = controller(form, 'w-autosave');
    if (autosave) {
      autosave.activeValue = false;
    }
  }

  function hold(form, submitter) {
    var sent = false;
    function send() {
      if (sent) {
        return;
      }
      sent = true;
      held.delete(form);
      // The button is disabled by now (its progress spinner): send what it would have.
      if (submitter && submitter.name) {
        var input = document.createElement('input');
        input.type = 'hidden';
        input.name = submitter.name;
        input.value = submitter.value;
        form.append(input);
      }
      HTMLFormElement.prototype.submit.call(form);
    }
    held.set(form, send);
    setTimeout(send, LONGEST_WAIT);
  }

  // Bubbling to the document, after the form's own handlers: a Save nobody has stopped.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches(FORM)) {
      return;
    }
    stopAutosave(form);
    if (onItsWay.has(form)) {
      event.preventDefault();
      form.setAttribute('data-autosave-guard', 'holding');
      hold(form, event.submitter);
    }
  });
})();
