import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/auth/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: "kubeclass",
  description: "A Kubernetes classroom: one simulated cluster for the whole class.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader />
        {children}
      </body>
    </html>
  );
}
