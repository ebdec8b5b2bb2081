import { Anchor, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Bdi } from "~/components/bdi";
import { GermanNote, OfferDates, OfferText } from "~/components/directory/offer-bits";
import { getLanguage } from "~/i18n/i18next.server";
import { getPublicOffer } from "~/modules/associations/offer-directory.server";
import { offerQrSvg } from "~/modules/associations/offer-poster.server";
import { env } from "~/utils/env.server";
import { notFound } from "~/utils/errors";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.offer.title} · Ehrenamt-Hub` : "Ehrenamt-Hub" }];

// Anonymous access is intended: the printable A4 notice of a public offer with a QR code to its page
// (no personal data). Served from the page cache for anonymous visitors (scope "organisations").
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const offer = await getPublicOffer(id, await getLanguage(request));
  if (!offer) throw notFound();
  const url = `${env().BASE_URL}/angebote/${id}`;
  const qr = await offerQrSvg(url);
  return { offer, url, qr };
}

export default function OfferPoster() {
  const { t } = useTranslation();
  const { offer: o, url, qr } = useLoaderData<typeof loader>();
  const place = [o.place, o.district].filter(Boolean).join(", ");
  return (
    <Stack className="eh-poster" gap="md">
      <Text size="sm" className="no-print">
        <Anchor component={Link} to={`/angebote/${o.id}`}>
          {t("directory:poster.back")}
        </Anchor>{" "}
        · {t("directory:poster.printHint")}
      </Text>
      <Text size="lg" fw={600}>
        <Bdi>{o.organisation_name}</Bdi>
      </Text>
      <Title order={1}>
        <OfferText fallback={o.fallback}>{o.title}</OfferText>
      </Title>
      <OfferText fallback={o.fallback} as="div" pre>
        {o.description}
      </OfferText>
      <GermanNote show={o.fallback} />
      <Title order={2} size="h3">
        {t("directory:offer.when")}
      </Title>
      <OfferDates dates={o.dates} />
      <Text>
        <bdi lang="de">{o.times}</bdi>
      </Text>
      {place ? (
        <Text>
          {t("directory:offer.where")} <bdi lang="de">{place}</bdi>
        </Text>
      ) : null}
      <Text>{t(`associations:costs.${o.cost}`)}</Text>
      <div className="eh-poster-qr">
        <div role="img" aria-label={t("directory:poster.qrLabel")} dangerouslySetInnerHTML={{ __html: qr }} />
        <Text size="sm">
          {t("directory:poster.scan")}{" "}
          <bdi dir="ltr">{url}</bdi>
        </Text>
      </div>
    </Stack>
  );
}
