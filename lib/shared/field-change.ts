/**
 * One changed value of a record: `path` is a JSON pointer into the record data, `label` where the
 * field is ("客户基础信息 › 手机号码"). Written by the records service's diff, stored by the audit
 * trail, shown by the history: on the ground floor so that none of them has to import another.
 */
export interface FieldChange {
  path: string;
  label: string;
  before?: unknown;
  after?: unknown;
}
