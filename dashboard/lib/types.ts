export type Role = 'admin' | 'developer' | 'operator';
export type Environment = 'production' | 'development';

export interface ApiUser {
  id: string;
  email: string | null;
  role: Role;
  status: 'invited' | 'active' | 'deactivated';
}

/** `GET /dashboard/api/session`. */
export interface ApiSession {
  user: ApiUser;
  stage: 'mfa_required' | 'mfa_enrolment_required' | 'complete';
  mfa_enrolled: boolean;
  tenant: { id: string; name: string };
  environments: Environment[];
  permissions: { tenant: string[]; environments: Partial<Record<Environment, string[]>> };
}
