/** List columns that show record properties rather than fields of the template. */
export const META_COLUMNS = ["@createdAt", "@updatedAt", "@verification", "@owner"];
