"use client";

import type { RouterOutputs } from "@chat/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";

import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

type Enrolment = RouterOutputs["twoFactor"]["enroll"];

/** A form asking for one code, for confirming, disabling and new recovery codes. */
function CodeForm({ label, pending, error, onCode }: { label: string; pending: boolean; error: unknown; onCode: (code: string) => void }) {
  const t = useTranslations("account.twoFactor");
  const describeError = useDescribeError();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onCode(String(new FormData(event.currentTarget).get("code")));
  }
  return (
    <form method="post" onSubmit={submit} className="flex flex-col gap-2">
      <Field label={t("code")} name="code" autoComplete="one-time-code" required minLength={6} maxLength={32} />
      <ErrorText>{error ? describeError(error) : null}</ErrorText>
      <Button type="submit" size="sm" pending={pending} className="self-start">
        {label}
      </Button>
    </form>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useTranslations("account.twoFactor");
  return (
    <div className="flex flex-col gap-2 rounded-md bg-rail p-3">
      <p className="text-sm text-strong">{t("recoveryIntro")}</p>
      <ul aria-label={t("recoveryLabel")} className="grid grid-cols-2 gap-1 font-mono text-sm text-text">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  );
}

/** Two-factor authentication: enrol with a QR code, confirm with a first code, turn off with a code. */
export function TwoFactorSection() {
  const t = useTranslations("account.twoFactor");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.twoFactor.status.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.twoFactor.status.queryFilter());
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const enroll = useMutation(trpc.twoFactor.enroll.mutationOptions({ onSuccess: setEnrolment }));
  const showCodes = async ({ recoveryCodes }: { recoveryCodes: string[] }) => {
    setEnrolment(null);
    setCodes(recoveryCodes);
    await refresh();
  };
  const confirm = useMutation(trpc.twoFactor.confirm.mutationOptions({ onSuccess: showCodes }));
  const regenerate = useMutation(trpc.twoFactor.regenerateRecoveryCodes.mutationOptions({ onSuccess: showCodes }));
  const disable = useMutation(trpc.twoFactor.disable.mutationOptions({ onSuccess: refresh }));

  return (
    <section aria-label={t("heading")} className="flex flex-col gap-3 border-t border-line pt-4">
      <h3 className="text-xs font-bold tracking-wide text-muted uppercase">{t("heading")}</h3>
      <p className="text-sm text-muted">{t("note")}</p>
      {codes && <RecoveryCodes codes={codes} />}
      {status.data?.enabled ? (
        <>
          <p className="text-sm text-online">{t("on", { count: status.data.recoveryCodesLeft })}</p>
          <CodeForm label={t("turnOff")} pending={disable.isPending} error={disable.error} onCode={(code) => disable.mutate({ code })} />
          <CodeForm label={t("newCodes")} pending={regenerate.isPending} error={regenerate.error} onCode={(code) => regenerate.mutate({ code })} />
        </>
      ) : enrolment ? (
        <div className="flex flex-col gap-3">
          <p className="text-sm text-muted">{t("scan")}</p>
          <img src={enrolment.qrCode} alt={t("qrAlt")} width={200} height={200} className="rounded-md bg-white p-2" />
          <code data-secret className="text-sm break-all text-text">
            {enrolment.secret}
          </code>
          <CodeForm label={t("turnOn")} pending={confirm.isPending} error={confirm.error} onCode={(code) => confirm.mutate({ code })} />
        </div>
      ) : (
        <>
          <p className="text-sm text-muted">{t("off")}</p>
          <ErrorText>{enroll.error && describeError(enroll.error)}</ErrorText>
          <Button size="sm" pending={enroll.isPending} onClick={() => enroll.mutate()} className="self-start">
            {t("setUp")}
          </Button>
        </>
      )}
    </section>
  );
}
