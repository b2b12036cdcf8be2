import type { NextConfig } from "next";
import { API_POLICY, SECURITY_HEADERS } from "./lib/shared/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // mongoose, bcrypt and the spreadsheet reader (exceljs and its zip library) stay as Node modules on the server instead of being bundled.
  serverExternalPackages: ["mongoose", "bcryptjs", "exceljs", "unzipper"],
  typedRoutes: false,
  async headers() {
    return [
      // Pages get their Content-Security-Policy, with a nonce per request, from proxy.ts.
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_POLICY }] },
    ];
  },
};

export default nextConfig;
