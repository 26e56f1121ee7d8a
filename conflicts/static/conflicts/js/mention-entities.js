/*
 * Draftail entities for actor mentions (ACTOR) and claim references (CLAIM).
 * The toolbar button opens the actor or claim chooser; the chosen one is linked to the
 * selected words (or its name is inserted when nothing is selected). Stored by id.
 */
(function () {
  'use strict';

  var draftail = window.draftail;
  var React = window.React;
  var DraftJS = window.DraftJS;
  if (!draftail || !React || !DraftJS) {
    return;
  }

  class MentionSource extends draftail.DocumentModalWorkflowSource {
    getChooserConfig() {
      return {
        url: this.props.entityType.chooserUrls.chooser,
        urlParams: {},
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
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
