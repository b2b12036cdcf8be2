import { isResidentId } from "./cn-id";
import { isMobile, isPhone } from "./cn-phone";

/** Formats we add on top of ajv-formats' `date`, `date-time`, `time` and `email`. */
export const customFormats = {
  "cn-resident-id": isResidentId,
  "cn-mobile": isMobile,
  "cn-phone": isPhone,
};
