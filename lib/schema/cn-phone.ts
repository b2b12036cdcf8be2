/** Mainland China mobile numbers: 11 digits starting with 1 and a second digit 3–9. */
export function isMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/** Mobile numbers or landlines with an area code (010-12345678, 0755 1234567, optional extension). */
export function isPhone(value: string): boolean {
  return isMobile(value) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(value);
}
