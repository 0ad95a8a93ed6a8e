export * from "./enums.js";
export * from "./fiscal-year.js";
export * from "./normalize.js";
export * from "./details.js";
export * from "./interchange.js";
export * from "./search.js";
