import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // mongoose, bcrypt and the spreadsheet reader (exceljs and its zip library) stay as Node modules on the server instead of being bundled.
  serverExternalPackages: ["mongoose", "bcryptjs", "exceljs", "unzipper"],
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
