import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Bdi } from "~/components/bdi";
import { FormErrors, replyFor, SubmitButton, TextAreaField, useFieldError } from "~/components/form";
import { StatusBadge } from "~/components/list-page";
import { RejectSchema } from "~/modules/associations/schema";
import { formatDateTime } from "~/utils/dates";
import { useFieldName } from "./fields";

type Association = {
  status: "pending" | "verified" | "rejected";
  kind: string;
  register_court: string | null;
  register_number: string | null;
  description: string | null;
  fees: string | null;
  reduced_fees: string | null;
  barrier_free: number;
  rejection_reason: string | null;
  decided_at: string | null;
  created_at: string;
  district: string | null;
  registrant_name: string | null;
  registrant_email: string | null;
  registrant_verified_at: string | null;
  decider_name: string | null;
  fields: Array<{ slug: string; name: string }>;
  languages: string[];
  adminIds: string[];
};

const STATUS_COLOR = { pending: "yellow", verified: "green", rejected: "red" } as const;

/**
 * The association part of the office's organisation page: the registration's details, verify or
 * reject (with a reason mailed to the applicant), and who administers it. Nothing for an organisation
 * without a profile but the admin switches.
 */
export function AssociationOfficePanel({ association: a, members, reply }: { association: Association | null; members: Array<{ id: string; name: string; admin?: number }>; reply?: SubmissionResult<string[]> }) {
  const { t, i18n } = useTranslation();
  const fieldName = useFieldName();
  const [rejectForm, rejectFields] = useForm({
    id: "reject-association",
    lastResult: replyFor(reply, "intent", "reject-association"),
    constraint: getZodConstraint(RejectSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RejectSchema }),
    shouldValidate: "onBlur",
  });
  const decisionReply = replyFor(reply, "intent", "verify-association") ?? replyFor(reply, "intent", "set-admin");
  const decisionError = useFieldError(decisionReply?.error?.[""] ?? undefined);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="association-panel">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4" id="association-panel">
            {t("associations:office.title")}
          </Title>
          {a ? <StatusBadge color={STATUS_COLOR[a.status]}>{t(`associations:status.${a.status}`)}</StatusBadge> : null}
        </Group>
        {decisionError ? (
          <Alert color="red" role="alert" variant="light">
            {decisionError}
          </Alert>
        ) : null}
        {a ? (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <Text size="sm">{t("associations:office.kind", { kind: t(`associations:kinds.${a.kind}`) })}</Text>
              {a.register_number ? <Text size="sm">{t("associations:office.register", { court: a.register_court ?? "", number: a.register_number })}</Text> : null}
              <Text size="sm">{t("associations:office.district", { district: a.district ?? "—" })}</Text>
              <Text size="sm">{t("associations:office.registeredAt", { date: formatDateTime(a.created_at, i18n.language) })}</Text>
              {a.registrant_email ? (
                <Text size="sm">
                  {t("associations:office.registrant", { name: a.registrant_name ?? "" })} <Bdi>{a.registrant_email}</Bdi> ·{" "}
                  {a.registrant_verified_at ? t("associations:office.emailVerified") : t("associations:office.emailNotVerified")}
                </Text>
              ) : null}
              <Text size="sm">{t("associations:office.fields", { list: a.fields.map(fieldName).join(", ") || "—" })}</Text>
              <Text size="sm">{t("associations:office.languages", { list: a.languages.join(", ").toUpperCase() || "—" })}</Text>
              <Text size="sm">{t(a.barrier_free ? "associations:directory.barrierFreeYes" : "associations:directory.barrierFreeNo")}</Text>
              {a.fees ? <Text size="sm">{t("associations:directory.fees", { fees: a.fees })}</Text> : null}
              {a.reduced_fees ? <Text size="sm">{t("associations:directory.reducedFeesText", { fees: a.reduced_fees })}</Text> : null}
            </SimpleGrid>
            {a.description ? <Text size="sm" style={{ whiteSpace: "pre-line" }}>{a.description}</Text> : null}
            {a.decided_at ? <Text size="sm">{t("associations:office.decided", { name: a.decider_name ?? "—", date: formatDateTime(a.decided_at, i18n.language) })}</Text> : null}
            {a.status === "rejected" && a.rejection_reason ? <Text size="sm">{t("associations:status.rejectedReason", { reason: a.rejection_reason })}</Text> : null}
            {a.status !== "verified" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="verify-association" />
                <Button type="submit">
                  {t("associations:office.verify")}
                </Button>
              </Form>
            ) : null}
            {a.status === "pending" ? (
              <Form method="post" {...getFormProps(rejectForm)}>
                <Stack>
                  <input type="hidden" name="intent" value="reject-association" />
                  <FormErrors form={rejectForm} />
                  <TextAreaField field={rejectFields.reason} label={t("associations:office.reason")} description={t("associations:office.reasonHint")} autosize minRows={2} />
                  <div>
                    <SubmitButton variant="light" color="red.8">
                      {t("associations:office.reject")}
                    </SubmitButton>
                  </div>
                </Stack>
              </Form>
            ) : null}
          </>
        ) : (
          <Text size="sm">{t("associations:office.noProfile")}</Text>
        )}
        {members.length ? (
          <Stack gap="xs">
            <Text fw={500} size="sm">
              {t("associations:office.admins")}
            </Text>
            {members.map((m) => (
              <Group key={m.id} gap="xs">
                <Text size="sm">
                  {m.name} · {t(m.admin ? "associations:roles.admin" : "associations:roles.member")}
                </Text>
                <Form method="post">
                  <input type="hidden" name="intent" value="set-admin" />
                  <input type="hidden" name="userId" value={m.id} />
                  <input type="hidden" name="role" value={m.admin ? "member" : "admin"} />
                  <Button type="submit" size="compact-sm" variant="subtle">
                    {t(m.admin ? "associations:members.makeMemberOf" : "associations:members.makeAdminOf", { name: m.name })}
                  </Button>
                </Form>
              </Group>
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
