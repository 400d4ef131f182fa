/** The props Next.js passes to a page, typed here so that typechecking needs no generated types. */
export interface PageProps<Params extends Record<string, string> = Record<string, never>> {
  params: Promise<Params>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}
