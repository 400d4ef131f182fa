"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { Search } from "~/components/icons";

// Loaded with the first search: the box is on screen, its results only once asked for.
const SearchResults = dynamic(() => import("./search-results").then((module) => module.SearchResults), { ssr: false });

/** Searches the server's messages; the results open under the header, and a result opens its channel. */
export function SearchBox({ serverId }: { serverId: string }) {
  const t = useTranslations("search.box");
  const [text, setText] = useState("");
  const [query, setQuery] = useState<string | null>(null);
  const close = () => setQuery(null);

  return (
    <div className="relative">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim()) setQuery(text.trim());
        }}
        className="flex h-7 w-11 items-center rounded bg-rail px-2 text-sm transition-all focus-within:w-40 sm:w-36 sm:focus-within:w-56 pointer-coarse:h-11"
      >
        <input
          aria-label={t("label")}
          placeholder={t("placeholder")}
          value={text}
          maxLength={200}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => event.key === "Escape" && close()}
          className="min-w-0 flex-1 bg-transparent text-text outline-none placeholder:text-transparent focus:placeholder:text-faint sm:placeholder:text-faint"
        />
        <Search className="size-4 shrink-0 text-muted" aria-hidden />
      </form>
      {query && <SearchResults serverId={serverId} query={query} onClose={close} />}
    </div>
  );
}
