/** Who is acting, as every module sees it: the authenticated user and their roles. */
export interface Actor {
  userId: string;
  roles: readonly string[];
}

export const isAdmin = (actor: Actor | undefined): boolean => actor?.roles.includes('admin') ?? false;
