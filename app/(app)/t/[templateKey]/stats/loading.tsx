import { StatisticsSkeleton } from "@/components/statistics/statistics-skeleton";

/** Shown while the 统计 tab's widgets are computed. */
export default function Loading() {
  return <StatisticsSkeleton />;
}
