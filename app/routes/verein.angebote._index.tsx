import { Anchor, Button, Group, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DataTable, StatusBadge } from "~/components/list-page";
import { requireAssociationScope } from "~/modules/associations/members.server";
import { listOwnOffers } from "~/modules/associations/offers.server";
import { formatDateTime } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "associations:offers.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAssociationScope(actor);
  // Scoped: the offers of the associations the actor administers, nothing else.
  return listOwnOffers(actor);
}

export default function OwnOffers() {
  const { t, i18n } = useTranslation();
  const { organisations, offers } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageTitle description={t("associations:offers.intro")}>{t("associations:offers.title")}</PageTitle>
        {organisations.length ? (
          <Button component={Link} to="/verein/angebote/neu">
            {t("associations:offers.new")}
          </Button>
        ) : null}
      </Group>
      {organisations.length === 0 ? <Text>{t("associations:offers.noAdmin")}</Text> : null}
      <DataTable
        label={t("associations:offers.title")}
        rows={offers}
        rowKey={(o) => o.id}
        empty={t("associations:offers.empty")}
        columns={[
          { header: t("associations:offers.fields.title"), cell: (o) => <Anchor component={Link} to={`/verein/angebote/${o.id}`}>{o.title}</Anchor> },
          { header: t("associations:offers.organisation"), cell: (o) => o.organisation_name },
          { header: t("associations:offers.state"), cell: (o) => (o.published ? <StatusBadge color="green">{t("associations:offers.published")}</StatusBadge> : <StatusBadge>{t("associations:offers.draft")}</StatusBadge>) },
          { header: t("associations:offers.updated"), cell: (o) => formatDateTime(o.updated_at, i18n.language) },
          { header: t("directory:helpers.column"), numeric: true, cell: (o) => o.helpers },
        ]}
      />
      <Text size="sm" c="dimmed">
        {t("associations:offers.visibility")}
      </Text>
    </Stack>
  );
}
