import { Anchor, Button, Group, List, Text } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type File = { id: number; criterion_id: number; file_name: string; mime: string; size: number };

/** The evidence files of one criterion, as download links; with `deletable`, each with a delete button. */
export function EvidenceList({ files, deletable = false }: { files: File[]; deletable?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!files.length) return null;
  const kb = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  return (
    <List size="sm" spacing={4} aria-label={t("seal:apply.files")}>
      {files.map((f) => (
        <List.Item key={f.id}>
          <Group gap="xs">
            <Anchor href={`/siegel/nachweis/${f.id}`}>
              <bdi>{f.file_name}</bdi>
            </Anchor>
            <Text span size="xs" c="dimmed">
              {t("seal:apply.fileSize", { kb: kb.format(Math.max(1, Math.round(f.size / 1024))) })}
            </Text>
            {deletable ? (
              <Form method="post">
                <input type="hidden" name="intent" value="delete-evidence" />
                <input type="hidden" name="evidenceId" value={f.id} />
                <Button type="submit" size="compact-xs" variant="subtle" color="red" aria-label={t("seal:apply.deleteFileNamed", { name: f.file_name })}>
                  {t("seal:apply.deleteFile")}
                </Button>
              </Form>
            ) : null}
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
