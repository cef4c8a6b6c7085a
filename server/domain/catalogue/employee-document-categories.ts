import { declareModel } from './model-declaration.ts';
import { apiRemoteData } from './wire-common.ts';

export const employeeDocumentCategories = declareModel({
  key: 'employee_document_categories',
  readModel: { id: 'hris_employee_document_categories', label: 'Employee document categories' },
  timestamps: true,
  relationFields: [],
  relations: [],
  attributes: () => ({}),
  endpoints: [{ path: 'employee-document-categories', filters: [] }],
  toWire: (p) => ({ id: p.id, remote_id: p.remoteId, name: p.rec.name, remote_data: apiRemoteData(p.rec) }),
});
