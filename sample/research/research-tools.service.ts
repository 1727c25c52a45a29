import { Injectable } from '@nestjs/common';
import { Tool } from 'nestjs-conduit';
import { PublishReportDto } from './dto/publish-report.dto';

/**
 * The research agent's tool. Publishing is what a human must approve: the run stops
 * (`awaiting-approval`, saved) until someone clicks Approve or Reject on the chat page, on any
 * replica, even after a restart. The report itself is made up (demo data).
 */
@Injectable()
export class ResearchToolsService {
  @Tool({
    name: 'publish_report',
    description: 'Publishes a short research report on a topic (needs a human approval)',
    requiresApproval: true,
  })
  publishReport(args: PublishReportDto): { readonly published: true; readonly url: string } {
    const slug = args.topic
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    return { published: true, url: `https://reports.example.com/${slug || 'report'}` };
  }
}
