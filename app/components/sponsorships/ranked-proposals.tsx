import type { SubmissionResult } from "@conform-to/react";
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { replyFor, useFieldError } from "~/components/form";
import type { Reason } from "~/modules/sponsorships/ranking";
import { ReasonChips } from "./reasons";

/**
 * The ranked proposals of a request with a "propose" form each (intent `propose`, field
 * `volunteerId`): the top ones side by side, the rest behind a disclosure. The office's request
 * page and the association's (`/verein/sponsorships/requests/:id`) post to their own action, which
 * calls the one proposing command.
 */
export type CandidateView = { userId: string; name: string; district: string | null; load: number; capacity: number; score: number; reasons: Reason[] };

type Reply = SubmissionResult<string[]> | undefined;

function ProposeForm({ userId, name, reply }: { userId: string; name: string; reply: Reply }) {
  const { t } = useTranslation();
  const mine = replyFor(reply, "volunteerId", userId);
  const error = useFieldError(mine?.error?.volunteerId ?? undefined);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="propose" />
      <input type="hidden" name="volunteerId" value={userId} />
      <Group gap="xs">
        <Button type="submit" size="sm" aria-label={t("sponsorships:detail.proposeNamed", { name })}>
          {t("sponsorships:detail.propose")}
        </Button>
        {error ? (
          <Text c="var(--mantine-color-error)" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
      </Group>
    </Form>
  );
}

function CandidateCard({ c, rank, names, reply }: { c: CandidateView; rank: number; names: Record<string, string>; reply: Reply }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`cand-${c.userId}`}>
      <Stack gap="xs">
        <Group gap="xs">
          <Text fw={700} id={`cand-${c.userId}`}>
            {rank}. {c.name}
          </Text>
          <Badge component="span" variant="light" tt="none">
            {t("sponsorships:detail.points", { count: c.score })}
          </Badge>
        </Group>
        <Text size="sm">
          {c.district ?? "—"} · {t("sponsorships:detail.load", { load: c.load, capacity: c.capacity })}
        </Text>
        <ReasonChips reasons={c.reasons} names={names} />
        <ProposeForm userId={c.userId} name={c.name} reply={reply} />
      </Stack>
    </Paper>
  );
}

export function RankedProposals({ candidates, top, names, reply, intro, empty }: { candidates: readonly CandidateView[]; top: number; names: Record<string, string>; reply: Reply; intro: string; empty: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="h-ranked">
      <Title order={2} size="h4" id="h-ranked">
        {t("sponsorships:detail.ranked")}
      </Title>
      <Text size="sm">{intro}</Text>
      {candidates.length === 0 ? (
        <Text>{empty}</Text>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            {candidates.slice(0, top).map((c, i) => (
              <CandidateCard key={c.userId} c={c} rank={i + 1} names={names} reply={reply} />
            ))}
          </SimpleGrid>
          {candidates.length > top ? (
            <details>
              <summary>{t("sponsorships:detail.more", { count: candidates.length - top })}</summary>
              <Stack gap="xs" mt="xs">
                {candidates.slice(top).map((c, i) => (
                  <CandidateCard key={c.userId} c={c} rank={top + i + 1} names={names} reply={reply} />
                ))}
              </Stack>
            </details>
          ) : null}
        </>
      )}
    </Stack>
  );
}
