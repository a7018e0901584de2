import { Module } from '@nestjs/common';
import { LearnerDirectory } from './learner-directory.service';

@Module({ providers: [LearnerDirectory], exports: [LearnerDirectory] })
export class AccountsLookupModule {}
