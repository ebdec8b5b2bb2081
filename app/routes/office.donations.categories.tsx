import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Badge, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { listCategories, saveCategory } from "~/modules/donations/categories.server";
import { CategorySchema, SIZE_KINDS } from "~/modules/donations/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:categories.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:donation:any");
  const categories = await listCategories();
  const editId = Number(new URL(request.url).searchParams.get("edit"));
  return { categories, editing: categories.find((c) => c.id === editId) ?? null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:donation:any");
  const { submission } = await parseForm(request, CategorySchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await saveCategory(actor, submission.value);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash("/office/donations/categories", { key: "flash.saved", kind: "success" });
}

export default function Categories() {
  const { t, i18n } = useTranslation();
  const { categories, editing } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, f] = useForm({
    id: `category-${editing?.id ?? "new"}`,
    lastResult,
    defaultValue: editing
      ? {
          categoryId: String(editing.id),
          parentId: editing.parent_id ? String(editing.parent_id) : "",
          slug: editing.slug,
          nameDe: editing.name_de,
          nameEn: editing.name_en,
          nameAr: editing.name_ar,
          nameUk: editing.name_uk,
          nameFa: editing.name_fa,
          nameTr: editing.name_tr,
          nameRu: editing.name_ru,
          sizeKind: editing.size_kind,
          seasonal: editing.seasonal ? "on" : "",
          testedOnly: editing.tested_only ? "on" : "",
          active: editing.active ? "on" : "",
        }
      : { sizeKind: "none", active: "on" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CategorySchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Stack>
      <Anchor component={Link} to="/office/donations">
        {t("donations:office.back")}
      </Anchor>
      <PageTitle description={t("donations:categories.intro")}>{t("donations:categories.title")}</PageTitle>
      <Table.ScrollContainer minWidth={500}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("donations:categories.name")}</Table.Th>
              <Table.Th scope="col">{t("donations:categories.sizeKind")}</Table.Th>
              <Table.Th scope="col">{t("actions.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {categories.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  {categoryLabel(c, i18n.language)} {c.active ? null : <Badge component="span" color="gray">{t("donations:categories.inactive")}</Badge>}
                  {c.tested_only ? <Badge component="span" variant="light">{t("donations:categories.testedOnly")}</Badge> : null}
                </Table.Td>
                <Table.Td>{t(`donations:sizeKinds.${c.size_kind}`)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`?edit=${c.id}`} aria-label={t("donations:categories.editNamed", { name: categoryLabel({ ...c, depth: 0 }, i18n.language) })}>
                    {t("donations:categories.edit")}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Paper withBorder p="md" component="section" aria-labelledby="cat-form">
        <Title order={2} size="h4" id="cat-form" mb="sm">
          {editing ? t("donations:categories.editTitle", { name: editing.name_de }) : t("donations:categories.new")}
        </Title>
        <Form method="post" {...getFormProps(form)}>
          <Stack>
            <FormErrors form={form} />
            <input type="hidden" name="intent" value="category" />
            {editing ? <input type="hidden" name="categoryId" value={editing.id} /> : null}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <SelectField
                field={f.parentId}
                label={t("donations:categories.parent")}
                options={[{ value: "", label: t("donations:categories.topLevel") }, ...categories.filter((c) => c.id !== editing?.id).map((c) => ({ value: String(c.id), label: categoryLabel(c, i18n.language) }))]}
              />
              <TextField field={f.slug} label={t("donations:categories.slug")} maxLength={40} />
              <SelectField field={f.sizeKind} label={t("donations:categories.sizeKind")} options={SIZE_KINDS.map((k) => ({ value: k, label: t(`donations:sizeKinds.${k}`) }))} />
              <TextField field={f.nameDe} label={t("donations:categories.nameDe")} maxLength={80} />
              <TextField field={f.nameEn} label={t("donations:categories.nameEn")} maxLength={80} />
              <TextField field={f.nameAr} label={t("donations:categories.nameAr")} maxLength={80} dir="rtl" />
              <TextField field={f.nameUk} label={t("donations:categories.nameUk")} maxLength={80} />
              <TextField field={f.nameFa} label={t("donations:categories.nameFa")} description={t("donations:categories.nameOptional")} maxLength={80} lang="fa" dir="rtl" />
              <TextField field={f.nameTr} label={t("donations:categories.nameTr")} description={t("donations:categories.nameOptional")} maxLength={80} lang="tr" />
              <TextField field={f.nameRu} label={t("donations:categories.nameRu")} description={t("donations:categories.nameOptional")} maxLength={80} lang="ru" />
            </SimpleGrid>
            <Group>
              <Checkbox name={f.seasonal.name} value="on" defaultChecked={f.seasonal.initialValue === "on"} label={t("donations:categories.seasonal")} />
              <Checkbox name={f.testedOnly.name} value="on" defaultChecked={f.testedOnly.initialValue === "on"} label={t("donations:categories.testedOnly")} />
              <Checkbox name={f.active.name} value="on" defaultChecked={f.active.initialValue === "on"} label={t("donations:categories.active")} />
            </Group>
            <div>
              <SubmitButton>{t("actions.save")}</SubmitButton>
            </div>
          </Stack>
        </Form>
      </Paper>
    </Stack>
  );
}
