import { Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { languageLabel, useFieldName } from "~/components/associations/fields";
import { Bdi } from "~/components/bdi";
import { StatusBadge } from "~/components/list-page";
import { getPublicAssociation } from "~/modules/associations/directory.server";
import { associationOptions } from "~/modules/associations/lookups.server";
import { notFound } from "~/utils/errors";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.association.name} · Ehrenamt-Hub` : "Ehrenamt-Hub" }];

// Anonymous access is intended: a verified association's public page (no member, no address of a person).
export async function loader({ params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const association = await getPublicAssociation(id);
  if (!association) throw notFound();
  return { association, options: await associationOptions() };
}

export default function PublicAssociation() {
  const { t, i18n } = useTranslation();
  const fieldName = useFieldName();
  const { association: a, options } = useLoaderData<typeof loader>();
  const fields = new Map(options.fields.map((f) => [f.id, fieldName(f)]));
  const languages = new Map(options.languages.map((l) => [l.code, languageLabel(l, i18n.language)]));
  const list = (codes: string[]) => codes.map((c) => languages.get(c) ?? c).join(", ");
  return (
    <Stack>
      <PageTitle description={`${t(`associations:kinds.${a.kind}`)}${a.district ? ` · ${a.district}` : ""}`}>{a.name}</PageTitle>
      <Text size="sm">
        <Anchor component={Link} to="/vereine">
          {t("associations:directory.back")}
        </Anchor>
        {" · "}
        <Anchor component={Link} to="/angebote">
          {t("directory:list.all")}
        </Anchor>
      </Text>
      <Paper withBorder p="lg" component="section" aria-labelledby="about">
        <Stack gap="xs">
          <Title order={2} size="h4" id="about">
            {t("associations:directory.about")}
          </Title>
          {a.description ? <Text style={{ whiteSpace: "pre-line" }}>{a.description}</Text> : null}
          {a.town ? <Text size="sm">{t("associations:directory.town", { town: a.town })}</Text> : null}
          {a.fields.length ? <Text size="sm">{t("associations:directory.fieldsList", { list: a.fields.map((f) => fields.get(f) ?? "").filter(Boolean).join(", ") })}</Text> : null}
          {a.languages.length ? <Text size="sm">{t("associations:directory.languagesList", { list: list(a.languages) })}</Text> : null}
          {a.fees ? <Text size="sm">{t("associations:directory.fees", { fees: a.fees })}</Text> : null}
          {a.reduced_fees ? <Text size="sm">{t("associations:directory.reducedFeesText", { fees: a.reduced_fees })}</Text> : null}
          <Text size="sm">{t(a.barrier_free ? "associations:directory.barrierFreeYes" : "associations:directory.barrierFreeNo")}</Text>
          {a.website ? (
            <Text size="sm">
              {t("associations:directory.website")}{" "}
              <Anchor href={a.website} rel="noopener noreferrer">
                <Bdi>{a.website}</Bdi>
              </Anchor>
            </Text>
          ) : null}
        </Stack>
      </Paper>
      <Title order={2} size="h3">
        {t("associations:directory.offers")}
      </Title>
      {a.offers.length === 0 ? <Text>{t("associations:directory.noOffers")}</Text> : null}
      {a.offers.map((o) => (
        <Paper key={o.id} withBorder p="lg" component="article" aria-labelledby={`angebot-${o.id}`}>
          <Stack gap="xs">
            <Title order={3} size="h5" id={`angebot-${o.id}`}>
              <Anchor component={Link} to={`/angebote/${o.id}`}>
                {o.title}
              </Anchor>
            </Title>
            <Group gap="xs">
              <StatusBadge color="violet">{fields.get(o.field_id) ?? ""}</StatusBadge>
              <StatusBadge color={o.cost === "free" ? "green" : "gray"}>{t(`associations:costs.${o.cost}`)}</StatusBadge>
              <StatusBadge>{t(`associations:targetGroups.${o.target_group}`)}</StatusBadge>
              {o.barrier_free ? <StatusBadge color="blue">{t("associations:directory.barrierFree")}</StatusBadge> : null}
            </Group>
            <Text style={{ whiteSpace: "pre-line" }}>{o.description}</Text>
            <Text size="sm">{t("associations:directory.when", { times: o.times })}</Text>
            {o.place || o.district ? <Text size="sm">{t("associations:directory.where", { place: [o.place, o.district].filter(Boolean).join(", ") })}</Text> : null}
            {o.languages.length ? <Text size="sm">{t("associations:directory.languagesList", { list: list(o.languages) })}</Text> : null}
            {o.fee_note ? <Text size="sm">{t("associations:directory.feeNote", { note: o.fee_note })}</Text> : null}
            <Text size="sm">{t("associations:directory.contact", { path: o.contact_path })}</Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
