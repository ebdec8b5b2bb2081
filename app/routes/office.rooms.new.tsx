import { parseWithZod } from "@conform-to/zod";
import { Anchor, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { RoomForm } from "~/components/rooms/room-form";
import { createRoom } from "~/modules/rooms/configure-room.server";
import { readPartsForm, RoomSchema } from "~/modules/rooms/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.newRoom");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:room:any");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:room:any");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: RoomSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const id = await createRoom(actor, submission.value, readPartsForm(formData) ?? []);
  return redirectWithFlash(`/office/rooms/${id}`, { key: "flash.saved", kind: "success" });
}

export default function NewRoom() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const open = { open: "08:00", close: "22:00" };
  const defaults: Record<string, string> = { capacity: "30", minMinutes: "60", maxMinutes: "480", bufferMinutes: "30", leadDays: "2", horizonMonths: "6", nightRestStart: "22:00", nightRestEnd: "06:00", keyDeposit: "50", fee: "0" };
  [1, 2, 3, 4, 5, 6, 7].forEach((w) => {
    defaults[`open${w}`] = open.open;
    defaults[`close${w}`] = open.close;
  });
  return (
    <Stack>
      <Anchor component={Link} to="/office/rooms">
        {t("rooms:office.backToRooms")}
      </Anchor>
      <PageTitle>{t("rooms:office.newRoom")}</PageTitle>
      <RoomForm lastResult={lastResult} defaultValue={defaults} submitLabel={t("actions.create")} withParts />
    </Stack>
  );
}
