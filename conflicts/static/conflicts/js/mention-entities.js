/*
 * Draftail entities for actor mentions (ACTOR) and claim references (CLAIM).
 * The toolbar button opens the actor or claim chooser; the chosen one is linked to the
 * selected words (or its name is inserted when nothing is selected). Stored by id.
 * Mention searches the actor chooser for the selected words (its `q`) and offers the top
 * match at once: focused, so Enter chooses it. One created in the chooser's Create tab
 * is chosen, so mentioned, at once (conflicts/choosers.py).
 */
(function () {
  'use strict';

  var draftail = window.draftail;
  var React = window.React;
  var DraftJS = window.DraftJS;
  if (!draftail || !React || !DraftJS) {
    return;
  }

  var TOP_MATCH = 'a[data-chooser-modal-choice]';

  /* Focus the first result (the modal focuses itself once shown: again then), so that
     Enter chooses it. */
  function offerTopMatch(modal) {
    function focusTop() {
      var top = modal.body.find(TOP_MATCH).get(0);
      if (top) {
        top.focus();
      }
    }
    focusTop();
    if (modal.container) {
      modal.container.one('shown.bs.modal', function () {
        window.setTimeout(focusTop, 0);
      });
    }
  }

  class MentionSource extends draftail.DocumentModalWorkflowSource {
    /* ModalWorkflowSource passes the selected words (Wagtail's getSelectionText). */
    getChooserConfig(entity, selectedText) {
      var search = this.props.entityType.searchSelection
        ? (selectedText || '').replace(/\s+/g, ' ').trim()
        : '';
      var handlers = window.CHOOSER_MODAL_ONLOAD_HANDLERS;
      var onload = Object.assign({}, handlers);
      if (search) {
        onload.choose = function (modal, jsonData) {
          handlers.choose(modal, jsonData);
          offerTopMatch(modal);
        };
      }
      return {
        url: this.props.entityType.chooserUrls.chooser,
        urlParams: search ? { q: search } : {},
        onload: onload,
        responses: { chosen: this.onChosen },
      };
    }

    filterEntityData(data) {
      return { id: data.id, label: data.string, editUrl: data.edit_url };
    }

    onChosen(data) {
      var props = this.props;
      var content = props.editorState.getCurrentContent();
      var selection = props.editorState.getSelection();
      var entityData = this.filterEntityData(data);
      var key = content
        .createEntity(props.entityType.type, 'MUTABLE', entityData)
        .getLastCreatedEntityKey();
      var next;
      if (selection.isCollapsed()) {
        var replaced = DraftJS.Modifier.replaceText(
          content,
          selection,
          entityData.label,
          null,
          key,
        );
        next = DraftJS.EditorState.push(props.editorState, replaced, 'insert-characters');
      } else {
        next = DraftJS.RichUtils.toggleLink(props.editorState, selection, key);
      }
      this.workflow.close();
      props.onComplete(next);
    }
  }

  function mentionDecorator(icon, missing) {
    function MentionDecorator(props) {
      var data = props.contentState.getEntity(props.entityKey).getData();
      return React.createElement(
        draftail.TooltipEntity,
        Object.assign({}, props, {
          icon: icon,
          label: data.label || missing,
          url: data.editUrl || null,
        }),
      );
    }
    return MentionDecorator;
  }

  draftail.registerPlugin(
    { type: 'ACTOR', source: MentionSource, decorator: mentionDecorator('#icon-user', 'Missing actor') },
    'entityTypes',
  );
  draftail.registerPlugin(
    {
      type: 'CLAIM',
      source: MentionSource,
      decorator: mentionDecorator('#icon-openquote', 'Missing claim'),
    },
    'entityTypes',
  );
})();
