"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, useState } from "react";

import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";

import { withCustomEmoji } from "../emojis/shortcodes";
import { useEmojiById } from "../emojis/use-emojis";

interface MessageEditorProps {
  initial: string;
  pending: boolean;
  error: string | null;
  onSave: (content: string) => void;
  onCancel: () => void;
}

/** Edits a message in place: Enter saves, Shift+Enter adds a line, Escape cancels; `:name:` of the server's emoji is written as the composer writes it. */
export function MessageEditor({ initial, pending, error, onSave, onCancel }: MessageEditorProps) {
  const t = useTranslations("messages.editor");
  const [draft, setDraft] = useState(initial);
  const emojis = useEmojiById();

  function save() {
    const content = withCustomEmoji(draft.trim(), [...emojis.values()]);
    if (!content || content === initial) onCancel();
    else onSave(content);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      save();
    }
  }

  return (
    <div className="flex flex-col gap-1 py-1">
      <textarea
        autoFocus
        aria-label={t("label")}
        value={draft}
        disabled={pending}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onFocus={(event) => event.currentTarget.setSelectionRange(draft.length, draft.length)}
        className="max-h-[40vh] w-full resize-none rounded-md bg-field px-3 py-2 text-[15px] leading-[22px] text-strong [field-sizing:content] outline-none focus-visible:ring-2 focus-visible:ring-brand/60"
      />
      <ErrorText>{error}</ErrorText>
      <p className="text-xs text-muted">
        {t.rich("hint", {
          cancel: (chunks) => (
            <Button variant="link" onClick={onCancel}>
              {chunks}
            </Button>
          ),
          save: (chunks) => (
            <Button variant="link" onClick={save}>
              {chunks}
            </Button>
          ),
        })}
      </p>
    </div>
  );
}
