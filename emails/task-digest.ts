import { defineTemplate } from "./define";

type DigestLine = { titleKey: string; values: Record<string, string | number>; dueOn: string };

/**
 * The office member's daily digest of the work queue (opt-in, ADR 0036): new tasks since the last
 * digest and overdue ones. Titles are the tasks' own translation keys; the job formats the dates.
 */
export const taskDigest = defineTemplate("task-digest", (t, d: { name: string; fresh: DigestLine[]; overdue: DigestLine[]; more: boolean; url: string }) => {
  const line = (l: DigestLine) => `• ${t(l.titleKey, l.values)} (${t("taskDigest.due", { date: l.dueOn })})`;
  return {
    subject: t("taskDigest.subject", { fresh: d.fresh.length, overdue: d.overdue.length }),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [
      ...(d.fresh.length ? [t("taskDigest.fresh", { count: d.fresh.length }), ...d.fresh.map(line)] : []),
      ...(d.overdue.length ? [t("taskDigest.overdue", { count: d.overdue.length }), ...d.overdue.map(line)] : []),
      ...(d.more ? [t("taskDigest.more")] : []),
    ],
    action: { label: t("taskDigest.action"), url: d.url },
    footer: t("footer"),
  };
});
