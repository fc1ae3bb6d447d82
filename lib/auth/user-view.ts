// A user as the API and the admin screens see them. Shared by the server (which builds it) and the UI.

/** What may leave the server about a user: never the password hash. */
export type TUserView = {
  id: string;
  email: string;
  name: string;
  productRole: string;
  teamRoles: string[];
  active: boolean;
  isDemo: boolean;
  hasPassword: boolean;
  oidcLinked: boolean;
  version: number;
  createdAt: string;
};
