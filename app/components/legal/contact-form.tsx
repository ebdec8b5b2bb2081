import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Paper, Stack, Text, Title } from "@mantine/core";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { ContactSchema } from "~/modules/legal/schema";

/** The anonymous message form of the contact page and the accessibility statement (works without JavaScript). */
export function ContactForm({ kind, sent }: { kind: "contact" | "accessibility"; sent: boolean }) {
  const { t } = useTranslation();
  const lastResult = useActionData<never>();
  const [form, fields] = useForm({
    id: `contact-${kind}`,
    lastResult,
    constraint: getZodConstraint(ContactSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContactSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={`contact-${kind}-title`}>
      <Title order={2} size="h4" id={`contact-${kind}-title`} mb="xs">
        {t(`legal:form.${kind}.title`)}
      </Title>
      {sent ? (
        <Text role="status" fw={600} mb="sm">
          {t("legal:form.sent")}
        </Text>
      ) : null}
      <Text size="sm" mb="sm">
        {t(`legal:form.${kind}.intro`)}
      </Text>
      <Form method="post" {...getFormProps(form)}>
        <Stack>
          <FormErrors form={form} />
          {kind === "accessibility" ? <TextField field={fields.page} label={t("legal:form.page")} description={t("legal:form.pageHint")} /> : null}
          <TextAreaField field={fields.message} label={t("legal:form.message")} autosize minRows={5} />
          <TextField field={fields.name} label={t("legal:form.name")} autoComplete="name" />
          <TextField field={fields.email} type="email" label={t("legal:form.email")} description={t("legal:form.emailHint")} autoComplete="email" />
          <SubmitButton>{t("legal:form.submit")}</SubmitButton>
        </Stack>
      </Form>
    </Paper>
  );
}
