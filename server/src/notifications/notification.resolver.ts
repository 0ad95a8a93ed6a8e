import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { type RequestContext, requireViewer } from "../kernel/index.js";
import { Notification } from "./notification.entity.js";
import { isUuid } from "@kb/shared";

@ObjectType("Notification")
export class NotificationView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  type!: string;

  @Field(() => String)
  message!: string;

  @Field(() => ID, { nullable: true, description: "The case it is about; open /cases/<caseId>." })
  caseId!: string | null;

  @Field(() => Date, { nullable: true })
  readAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType("NotificationList")
export class NotificationListView {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  unread!: number;

  @Field(() => [NotificationView])
  items!: NotificationView[];
}

@Resolver()
export class NotificationResolver {
  @Query(() => NotificationListView, { description: "The viewer's notifications, newest first." })
  async notifications(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 20 }) first = 20,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset = 0,
  ): Promise<NotificationListView> {
    const viewer = requireViewer(ctx.viewer);
    const [items, total] = await ctx.em.findAndCount(
      Notification,
      { recipient: viewer.userId },
      { orderBy: { createdAt: "desc", id: "asc" }, limit: Math.min(Math.max(first, 0), 100), offset: Math.max(offset, 0) },
    );
    const unread = await ctx.em.count(Notification, { recipient: viewer.userId, readAt: null });
    return {
      total,
      unread,
      items: items.map((n) => ({
        id: n.id,
        type: n.type,
        message: n.message,
        caseId: n.case?.id ?? null,
        readAt: n.readAt ?? null,
        createdAt: n.createdAt,
      })),
    };
  }

  @Mutation(() => Int, { description: "Marks the given notifications (or all, when ids is omitted) as read; returns how many changed." })
  async markNotificationsRead(
    @Ctx() ctx: RequestContext,
    @Arg("ids", () => [ID], { nullable: true }) ids?: string[] | null,
  ): Promise<number> {
    const viewer = requireViewer(ctx.viewer);
    return ctx.em.nativeUpdate(
      Notification,
      { recipient: viewer.userId, readAt: null, ...(ids ? { id: { $in: ids.filter((id) => isUuid(id)) } } : {}) },
      { readAt: new Date() },
    );
  }
}

