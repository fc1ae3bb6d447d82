import NextAuth from "next-auth";
import { buildAuthOptions } from "@/server/auth/options";
import { requestMeta } from "@/server/http/api-route";

const handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(request as never, context as never, buildAuthOptions(requestMeta(request)));

export { handler as GET, handler as POST };
