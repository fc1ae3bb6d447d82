import NextAuth from "next-auth";
import { buildAuthOptions } from "@/server/auth/options";

const handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(request as never, context as never, buildAuthOptions());

export { handler as GET, handler as POST };
