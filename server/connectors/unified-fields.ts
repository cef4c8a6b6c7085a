/**
 * Every unified HRIS read model with all its fields (names as in the Kombo API, without `id`,
 * `remote_id` and the bookkeeping every record has). Tools declare their coverage against it; the
 * scope configuration offers exactly these fields.
 */
export const UNIFIED_READ_MODEL_FIELDS: readonly [id: string, label: string, fields: string][] = [
  [
    'hris_employees',
    'Employees',
    'employee_number first_name last_name nationality display_full_name job_title work_email personal_email ' +
      'mobile_phone_number ssn tax_id gender ethnicity marital_status employment_status employment_type weekly_hours ' +
      'avatar work_location_id legal_entity_id manager_id home_address bank_accounts date_of_birth start_date ' +
      'termination_date remote_created_at custom_fields',
  ],
  ['hris_employments', 'Employments', 'employee_id job_title pay_rate pay_period pay_frequency employment_type pay_currency effective_date custom_fields'],
  ['hris_teams', 'Groups', 'name type parent_id'],
  ['hris_locations', 'Locations', 'name address type'],
  ['hris_legal_entities', 'Legal entities', 'name address'],
  ['hris_absence_types', 'Absence types', 'name unit half_days_supported exact_times_supported'],
  [
    'hris_absences',
    'Absences',
    'employee_id approver_id start_date end_date start_half_day end_half_day start_time end_time amount unit status ' +
      'employee_note type_id remote_created_at remote_updated_at',
  ],
  ['hris_time_off_balances', 'Time-off balances', 'employee_id type_id balance balance_unit used used_unit'],
  [
    'hris_timesheets',
    'Timesheets',
    'employee_id started_at ended_at timezone payable_hours unpaid_break_minutes breaks approval_status approved_at comment custom_fields',
  ],
  ['hris_performance_review_cycles', 'Performance review cycles', 'name review_period_start_date'],
  ['hris_performance_reviews', 'Performance reviews', 'type summary_comment summary_rating reviewee reviewer review_cycle'],
  ['hris_skills', 'Skills', 'name description ordered_levels'],
  ['hris_employee_skill_assignments', 'Employee skill assignments', 'employee_id skill_id current_level'],
  [
    'hris_staffing_entities',
    'Staffing entities',
    'name model_type description status employment_types number_of_openings parent_id remote_url remote_created_at ' +
      'remote_updated_at custom_fields locations legal_entities groups',
  ],
  ['hris_employee_document_categories', 'Employee document categories', 'name'],
];
