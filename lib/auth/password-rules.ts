/**
 * Password rules for new and changed passwords. Shared by the server (which enforces them) and
 * the users page (which checks as the administrator types, so every problem shows at once).
 */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return "密码至少 8 位";
  if (password.length > 128) return "密码最多 128 位";
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return "密码需同时包含字母和数字";
  return null;
}
