import { getFormProps, getInputProps, type FieldMetadata, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import { Alert, Button, Checkbox, NativeSelect, Paper, PasswordInput, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useDateInput, withHint } from "~/components/date-field";

/** Field errors are translation keys (`errors.*`), optionally `key|{"max":120}` with values. */
export function useFieldError(errors: string[] | undefined): string | undefined {
  const { t } = useTranslation();
  if (!errors?.length) return undefined;
  const [key, json] = errors[0].split("|");
  let values: Record<string, unknown> = {};
  if (json) {
    try {
      values = JSON.parse(json);
    } catch {
      values = {};
    }
  }
  return t(key, values) as string;
}

type Field = FieldMetadata<any, any, string[]>;

export function TextField({
  field,
  label,
  type = "text",
  description,
  formatDescription,
  ...rest
}: {
  field: Field;
  label: string;
  type?: "text" | "email" | "tel" | "url" | "date" | "month" | "time" | "number";
  description?: ReactNode;
  /**
   * Date, month and time fields: a description that only says how to write the value („Uhrzeit,
   * zum Beispiel 18:00“). Where the field shows the format hint of `useDateInput` (ar/fa pages) the
   * hint takes its place, so the field has one hint, in the page's digits.
   */
  formatDescription?: string;
} & Omit<ComponentProps<typeof TextInput>, "type" | "label" | "error">) {
  const error = useFieldError(field.errors);
  if (type === "number") return <NumberField field={field} label={label} description={description} error={error} {...rest} />;
  if (type === "date" || type === "month" || type === "time")
    return <DateField kind={type} field={field} label={label} description={description} formatDescription={formatDescription} error={error} {...rest} />;
  const { key, ...props } = getInputProps(field, { type, ariaAttributes: false });
  return (
    <TextInput
      key={key}
      {...props}
      required={field.required}
      label={label}
      description={description}
      error={error}
      {...rest}
    />
  );
}

/**
 * A number is typed into a text field with the digit keyboard (`inputMode`), not into the
 * browser's number field: Chromium's number field drops „۱۲“ and „١٢“ as they are typed, on a
 * Persian, an Arabic and a German page alike (measured with Chromium 156, issue #18), so digits
 * typed on a Persian or Arabic keyboard would never reach the normalisation every form goes
 * through (`app/utils/digits.ts`). The schema checks the range; `min`, `max` and `step` have no
 * meaning on a text field and are left out.
 */
function NumberField({
  field,
  label,
  description,
  error,
  min: _min,
  max: _max,
  step,
  inputMode,
  ...rest
}: { field: Field; label: string; description?: ReactNode; error?: string } & Omit<ComponentProps<typeof TextInput>, "type" | "label" | "error">) {
  const { key, min: _cmin, max: _cmax, step: _cstep, ...props } = getInputProps(field, { type: "text", ariaAttributes: false });
  const decimal = step !== undefined && !Number.isInteger(Number(step));
  return (
    <TextInput
      key={key}
      {...props}
      inputMode={inputMode ?? (decimal ? "decimal" : "numeric")}
      required={field.required}
      label={label}
      description={description}
      error={error}
      {...rest}
    />
  );
}

/**
 * A date, month or time: a picker, or a text field with the digit keyboard and the format hint on
 * right-to-left pages (and for times everywhere): `useDateInput` in `app/components/date-field.tsx`
 * decides, no page does. `min`, `max` and `pattern` are left out of a text field; the schema checks.
 */
function DateField({
  kind,
  field,
  label,
  description,
  formatDescription,
  error,
  min,
  max,
  placeholder,
  ...rest
}: { kind: "date" | "month" | "time"; field: Field; label: string; description?: ReactNode; formatDescription?: string; error?: string } & Omit<ComponentProps<typeof TextInput>, "type" | "label" | "error">) {
  // A schema's `pattern` (conform's constraint) checks Western digits only: left to the schema.
  const { key, type: _type, defaultValue, min: _cmin, max: _cmax, pattern: _pattern, ...props } = getInputProps(field, { type: "text", ariaAttributes: false });
  const { hint, ...input } = useDateInput(kind, defaultValue as string | undefined);
  const picker = input.type !== "text";
  return (
    <TextInput
      key={key}
      {...props}
      {...input}
      min={picker ? min : undefined}
      max={picker ? max : undefined}
      placeholder={hint ? undefined : placeholder}
      required={field.required}
      label={label}
      description={withHint(description, hint ?? formatDescription)}
      error={error}
      {...rest}
    />
  );
}

export function PasswordField({
  field,
  label,
  description,
  autoComplete,
}: {
  field: Field;
  label: string;
  description?: ReactNode;
  autoComplete: "current-password" | "new-password";
}) {
  const error = useFieldError(field.errors);
  const { t } = useTranslation();
  return (
    <PasswordInput
      id={field.id}
      name={field.name}
      required={field.required}
      label={label}
      description={description}
      error={error}
      aria-invalid={error ? true : undefined}
      autoComplete={autoComplete}
      visibilityToggleButtonProps={{ "aria-label": t("actions.togglePassword") }}
    />
  );
}

export function TextAreaField({ field, label, description, ...rest }: { field: Field; label: string; description?: ReactNode } & Omit<ComponentProps<typeof Textarea>, "label" | "error">) {
  const error = useFieldError(field.errors);
  return (
    <Textarea
      id={field.id}
      name={field.name}
      defaultValue={(field.initialValue as string | undefined) ?? ""}
      required={field.required}
      label={label}
      description={description}
      error={error}
      {...rest}
    />
  );
}

/**
 * A native select's options as `<option>` elements keyed by their value (give them to a
 * `NativeSelect` as children, not as `data`). Mantine's `data` keys each option by its position,
 * with the `<option>` inside keyed by its value: when the list changes under a mounted select (the
 * juror just assigned drops out when the page's data comes back after the redirect, a new search
 * narrows the volunteers), every option after the change is removed and created anew, and the one
 * the person had picked meanwhile loses its selection. The select falls back to its first option,
 * "Bitte wählen", and the form refuses to send (issue #15). Keyed by value, an option that stays
 * in the list stays the same element, and stays selected.
 */
export function selectOptions(options: ReadonlyArray<{ value: string; label: string }>): ReactNode {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

export function SelectField({
  field,
  label,
  options,
  description,
}: {
  field: Field;
  label: string;
  options: Array<{ value: string; label: string }>;
  description?: ReactNode;
}) {
  const error = useFieldError(field.errors);
  return (
    <NativeSelect
      id={field.id}
      name={field.name}
      defaultValue={(field.initialValue as string | undefined) ?? ""}
      required={field.required}
      label={label}
      description={description}
      error={error}
    >
      {selectOptions(options)}
    </NativeSelect>
  );
}

/**
 * A conform checkbox. Mantine's checkbox gives its message no id and the input neither
 * `aria-invalid` nor `aria-describedby`: both are set here, so the message is announced with it.
 */
export function CheckboxField({ field, label }: { field: Field; label: ReactNode }) {
  const error = useFieldError(field.errors);
  return (
    <Checkbox
      id={field.id}
      name={field.name}
      value="on"
      defaultChecked={field.initialValue === "on"}
      label={label}
      error={error ? <span id={field.errorId}>{error}</span> : undefined}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? field.errorId : undefined}
    />
  );
}

/** Form-level errors (e.g. "wrong e-mail or password"), announced to screen readers. */
export function FormErrors({ form }: { form: FormMetadata<any, string[]> }) {
  const message = useFieldError(form.errors);
  if (!message) return null;
  return (
    <Alert color="red" role="alert" id={form.errorId} variant="light">
      {message}
    </Alert>
  );
}

export function SubmitButton({ children, ...rest }: { children: ReactNode; variant?: string; color?: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <Button type="submit" loading={busy} {...rest}>
      {children}
    </Button>
  );
}

/** A Remix form wired to conform: posts without JavaScript, validates on the client with it. */
export function ConformForm({
  form,
  children,
  method = "post",
  action,
}: {
  form: FormMetadata<any, string[]>;
  children: ReactNode;
  method?: "post" | "get";
  action?: string;
}) {
  return (
    <Form method={method} action={action} {...getFormProps(form)}>
      {children}
    </Form>
  );
}

/**
 * One titled section holding one form of a page with several (an `intent` tells the action which):
 * heading, form-level errors, the fields, the submit button.
 */
export function FormSection({
  id,
  title,
  form,
  intent,
  submit,
  children,
}: {
  id: string;
  title: ReactNode;
  form: FormMetadata<any, string[]>;
  intent: string;
  submit: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      <Form method="post" {...getFormProps(form)}>
        <Stack>
          <input type="hidden" name="intent" value={intent} />
          <FormErrors form={form} />
          {children}
          <SubmitButton>{submit}</SubmitButton>
        </Stack>
      </Form>
    </Paper>
  );
}

/**
 * The action's reply (conform's `SubmissionResult`, the one action-data shape) for one form of a
 * page with several: the reply is the form's when the submitted `field` (a hidden `intent`, or the
 * id of the row the form belongs to) had this `value`. A reset reply carries no values: no form's.
 */
export function replyFor(reply: SubmissionResult<string[]> | undefined, field: string, value: string | number): SubmissionResult<string[]> | undefined {
  const sent = reply?.initialValue?.[field];
  return sent !== undefined && String(sent) === String(value) ? reply : undefined;
}
