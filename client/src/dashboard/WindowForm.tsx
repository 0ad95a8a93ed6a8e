import { fiscalYearOf, formatFiscalYear } from "@kb/shared";
import { useId, useState, type FormEvent } from "react";
import { messages as m } from "../messages";
import type { DashboardQueryVariables } from "../gql/graphql";

/** Which fiscal years and how many days of searches the figures are for; applied on submit. */
export function WindowForm({ value, onChange }: { value: DashboardQueryVariables; onChange: (v: DashboardQueryVariables) => void }) {
  const d = m.curation.dashboard;
  const ids = { from: useId(), to: useId(), days: useId() };
  const [from, setFrom] = useState(value.from ? String(value.from) : "");
  const [to, setTo] = useState(value.to ? String(value.to) : "");
  const [days, setDays] = useState(String(value.days));
  const thisYear = fiscalYearOf(new Date());
  const years = Array.from({ length: 12 }, (_, i) => thisYear - i);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ from: from ? Number(from) : null, to: to ? Number(to) : null, days: Number(days) });
  };
  const select = "rounded-8 border border-solid-gray-600 bg-white px-3 py-2 text-dns-16N-130";
  return (
    <form onSubmit={onSubmit} aria-label={d.windowLabel} className="flex flex-wrap items-end gap-4 rounded-8 bg-solid-gray-50 p-4">
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.from} className="text-dns-16B-130">{d.fromYear}</label>
        <select id={ids.from} className={select} value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
          <option value="">{d.anyYear}</option>
          {years.map((y) => <option key={y} value={y}>{formatFiscalYear(y)}</option>)}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.to} className="text-dns-16B-130">{d.toYear}</label>
        <select id={ids.to} className={select} value={to} onChange={(e) => setTo(e.currentTarget.value)}>
          <option value="">{d.anyYear}</option>
          {years.map((y) => <option key={y} value={y}>{formatFiscalYear(y)}</option>)}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.days} className="text-dns-16B-130">{d.queryDays}</label>
        <select id={ids.days} className={select} value={days} onChange={(e) => setDays(e.currentTarget.value)}>
          {[7, 30, 90, 365].map((n) => <option key={n} value={n}>{d.days(n)}</option>)}
        </select>
      </div>
      <button type="submit" className="btn-primary">{d.apply}</button>
    </form>
  );
}
