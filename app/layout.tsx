import type { Metadata, Viewport } from "next";
import { I18nProvider } from "@/components/i18n-provider";
import { ToastProvider } from "@/components/ui/toast";
import { HTML_LANG } from "@/lib/i18n/locale";
import { getDictionary, getLocale } from "@/lib/i18n/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Dossier 档案", template: "%s · Dossier" },
  description: "以 JSON Schema 驱动的档案管理平台",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, dictionary] = await Promise.all([getLocale(), getDictionary()]);
  return (
    <html lang={HTML_LANG[locale]}>
      <body className="min-h-screen">
        <I18nProvider locale={locale} dictionary={dictionary}>
          <ToastProvider>{children}</ToastProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
