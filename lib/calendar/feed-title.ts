/**
 * The record's title as a calendar event may carry it. The 工作台 shows the template's title field
 * (the customer's name in the archive), but a template may make an ID or phone number its title,
 * and a calendar syncs to third-party clouds: a title with a run of 7 or more digits (spaces and
 * dashes ignored) is left out rather than sent.
 */
export function feedTitle(title: string): string {
  return /\d{7,}/.test(title.replace(/[\s-]/g, "")) ? "" : title;
}
