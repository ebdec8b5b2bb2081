import { Paper, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A framed section of a donations page, named by its heading (`aria-labelledby`). */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
